/** The app's shared components. */
export { Button, type ButtonProps } from "./button.js";
export { CopyButton } from "./copy-button.js";
export { ConfirmDialog, Dialog, type DialogProps } from "./dialog.js";
export { type ControlProps, Field } from "./field.js";
export { Notice, showToast, ToastRegion } from "./notice.js";
export { EmptyState, Page } from "./page.js";
export { type Column, type PageOf, PagedTable } from "./paged-table.js";

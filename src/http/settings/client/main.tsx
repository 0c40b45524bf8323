/** The web app's entry: renders <App> into the page's #app (src/http/settings/page.ts serves the HTML). */
import { render } from "preact";
import { App } from "./app.js";

render(<App />, document.getElementById("app")!);

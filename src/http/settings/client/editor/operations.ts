/** What the workflow edit page asks the API (`npm run codegen` types them). */
import { graphql } from "../gql/index.js";

export const WorkflowForEdit = graphql(`
  query WorkflowForEdit($id: ID!) {
    workflow(id: $id) {
      id
      slug
      name
      description
      visibility
      status
      inputSchema
      steps
      outputs
      updatedAt
    }
  }
`);

export const SaveWorkflow = graphql(`
  mutation SaveWorkflow($id: ID!, $input: UpdateWorkflowInput!) {
    updateWorkflow(id: $id, input: $input) {
      id
      slug
      name
      description
      visibility
      status
      inputSchema
      steps
      outputs
      updatedAt
    }
  }
`);

/** GraphQL documents for workflows, models and runs, typed by `npm run codegen`. */
import { graphql } from "../gql/index.js";

export const CreateWorkflow = graphql(`
  mutation CreateWorkflow($input: CreateWorkflowInput!) {
    createWorkflow(input: $input) {
      id
      status
      visibility
    }
  }
`);

export const UpdateWorkflow = graphql(`
  mutation UpdateWorkflow($id: ID!, $input: UpdateWorkflowInput!) {
    updateWorkflow(id: $id, input: $input) {
      id
      name
      inputSchema
    }
  }
`);

export const DeployWorkflow = graphql(`
  mutation DeployWorkflow($id: ID!) {
    deployWorkflow(id: $id) {
      id
      status
    }
  }
`);

export const DeleteWorkflow = graphql(`
  mutation DeleteWorkflow($id: ID!) {
    deleteWorkflow(id: $id) {
      id
    }
  }
`);

export const RunWorkflow = graphql(`
  mutation RunWorkflow($id: ID!, $inputs: JSON!) {
    runWorkflow(id: $id, inputs: $inputs) {
      id
      status
      outputs
      error
      durationMs
    }
  }
`);

export const RunModel = graphql(`
  mutation RunModel($id: String!, $inputs: JSON!) {
    runModel(id: $id, inputs: $inputs) {
      id
      status
      outputs
      error
    }
  }
`);

export const WorkflowSchema = graphql(`
  query WorkflowSchema($id: ID!) {
    workflow(id: $id) {
      id
      name
      inputSchema
    }
  }
`);

export const WorkflowBasics = graphql(`
  query WorkflowBasics($id: ID!) {
    workflow(id: $id) {
      id
      status
      visibility
      steps
    }
  }
`);

export const Workflows = graphql(`
  query Workflows($first: Int, $after: String) {
    workflows(first: $first, after: $after) {
      edges {
        node {
          id
          ownerId
          status
          visibility
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const Models = graphql(`
  query Models($first: Int, $after: String) {
    models(first: $first, after: $after) {
      edges {
        node {
          id
          provider
          inputSchema
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const Runs = graphql(`
  query Runs($first: Int, $after: String, $workflowId: ID, $status: RunStatus) {
    runs(first: $first, after: $after, workflowId: $workflowId, status: $status) {
      edges {
        node {
          id
          status
          workflowId
          modelId
          keyId
          startedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const RunById = graphql(`
  query RunById($id: ID!) {
    run(id: $id) {
      id
      status
      workflowId
      modelId
      inputs
      outputs
    }
  }
`);

/** What the workflow pages ask the API, as typed documents (`npm run codegen`). */
import { graphql } from "../gql/index.js";

/** Workflows per page of the list. */
export const WORKFLOWS_PER_PAGE = 20;

export const WorkflowList = graphql(`
  query WorkflowList($first: Int!, $after: String) {
    workflows(first: $first, after: $after, own: true) {
      edges {
        node {
          id
          slug
          name
          ownerHandle
          status
          visibility
          lastRunAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const WorkflowOverview = graphql(`
  query WorkflowOverview($id: ID!) {
    workflow(id: $id) {
      id
      slug
      name
      description
      ownerHandle
      status
      visibility
      createdAt
      updatedAt
      lastRunAt
      steps
    }
  }
`);

export const WorkflowForRun = graphql(`
  query WorkflowForRun($id: ID!) {
    workflow(id: $id) {
      id
      slug
      name
      status
      inputSchema
    }
  }
`);

export const CreateWorkflowPage = graphql(`
  mutation CreateWorkflowPage($input: CreateWorkflowInput!) {
    createWorkflow(input: $input) {
      id
      slug
    }
  }
`);

export const DeployWorkflowPage = graphql(`
  mutation DeployWorkflowPage($id: ID!) {
    deployWorkflow(id: $id) {
      id
      status
    }
  }
`);

export const UndeployWorkflowPage = graphql(`
  mutation UndeployWorkflowPage($id: ID!) {
    undeployWorkflow(id: $id) {
      id
      status
    }
  }
`);

export const SetWorkflowVisibility = graphql(`
  mutation SetWorkflowVisibility($id: ID!, $visibility: Visibility!) {
    updateWorkflow(id: $id, input: { visibility: $visibility }) {
      id
      visibility
    }
  }
`);

export const DeleteWorkflowPage = graphql(`
  mutation DeleteWorkflowPage($id: ID!) {
    deleteWorkflow(id: $id) {
      id
    }
  }
`);

export const RunWorkflowPage = graphql(`
  mutation RunWorkflowPage($id: ID!, $inputs: JSON!) {
    runWorkflow(id: $id, inputs: $inputs) {
      id
      status
      outputs
      error
      durationMs
    }
  }
`);

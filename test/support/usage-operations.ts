/**
 * GraphQL documents for key usage and the audit log, typed by `npm run codegen`. Every usage
 * bucket is costed, so a page of keys with their full usage is a few keys long.
 */
import { graphql } from "../gql/index.js";

export const KeyUsage = graphql(`
  query KeyUsage {
    apiKeys(first: 5) {
      edges {
        node {
          id
          usage {
            hourly {
              start
              ok
              scopeDenied
              rateLimited
              otherErrors
              total
            }
            daily {
              start
              ok
              scopeDenied
              rateLimited
              otherErrors
              total
            }
          }
        }
      }
    }
  }
`);

export const OtherAccountKeyUsage = graphql(`
  query OtherAccountKeyUsage($accountId: ID) {
    apiKeys(accountId: $accountId, first: 50) {
      edges {
        node {
          id
          usage {
            hourly {
              total
            }
          }
        }
      }
    }
  }
`);

export const ViewerKeyUsage = graphql(`
  query ViewerKeyUsage {
    viewer {
      apiKey {
        usage {
          daily {
            total
          }
        }
      }
    }
  }
`);

export const AuditEvents = graphql(`
  query AuditEvents($first: Int, $after: String, $last: Int, $before: String) {
    auditEvents(first: $first, after: $after, last: $last, before: $before) {
      edges {
        cursor
        node {
        id
        type
        at
        actor {
          kind
          accountId
          email
          platformAdmin
        }
        keyId
        keyName
        details
        client {
          address
          userAgent
        }
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

/** Yardstick: bare graphql-yoga answering `{ hello }`, the same GraphQL stack Knouds uses. */
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";

const yoga = createYoga({
  schema: createSchema({ typeDefs: "type Query { hello: String! }", resolvers: { Query: { hello: () => "world" } } }),
  logging: false,
  graphiql: false,
});
createServer(yoga).listen(Number(process.env.PORT), "127.0.0.1");

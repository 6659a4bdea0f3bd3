/** The gateway's GraphQL endpoint, on the page's own origin (the gateway serves the app). */
export const graphqlUrl = () => `${location.origin}/graphql`;
export const graphqlWsUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

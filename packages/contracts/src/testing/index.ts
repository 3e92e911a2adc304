export { fixtureFor, replyFixtureFor, invalidFixtureFor, exampleOf, type SchemaContract } from './fixture.js'
export { expectValid, expectValidReply, ContractAssertionError } from './expect-valid.js'
export { captureEvents, type Capture, type EventSource } from './capture-events.js'

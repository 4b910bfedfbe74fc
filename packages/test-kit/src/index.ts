export { type DialectContext, describeDialects } from "./describe-dialects.ts";
export { createTestTenant, type TestTenant } from "./factories.ts";
export { createTestDb, dialectsUnderTest, postgresTestUrl, type TestDb } from "./test-db.ts";

/**
 * MONGODB_URL for the Mongo suite. Unset: the suite is skipped with a printed reason, except in
 * CI (`CI` set), where a missing server is a failure, not a silent pass.
 */
export function mongoUrlFromEnv(): { url: string | undefined; skipReason?: string } {
  const url = process.env.MONGODB_URL
  if (url) return { url }
  if (process.env.CI) {
    throw new Error('MONGODB_URL is not set but CI is: run the suite through `bash .ci/run`, which starts FerretDB, or export MONGODB_URL')
  }
  const skipReason = 'MONGODB_URL is not set: skipping the MongoDB store tests (run `bash .ci/run`, or export MONGODB_URL=mongodb://127.0.0.1:27017/)'
  console.warn(skipReason)
  return { url: undefined, skipReason }
}

/** Raised when a caller hands the store a value it must not persist (a bug in the caller). */
export class StoreInputError extends Error {
  readonly code = 'ACS_ERR_STORE_INPUT'
  constructor(message: string) {
    super(message)
    this.name = 'StoreInputError'
  }
}

/** Raised when a device's queue stayed locked by another writer for longer than the wait limit. */
export class StoreBusyError extends Error {
  readonly code = 'ACS_ERR_STORE_BUSY'
  constructor(message: string) {
    super(message)
    this.name = 'StoreBusyError'
  }
}

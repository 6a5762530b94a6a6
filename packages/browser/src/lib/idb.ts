/** One IndexedDB transaction as a promise, shared by the queue and the journey's recent events. */

/**
 * Runs `fn` in a transaction on store `name` of `d`; `fn` returns a reader of its result,
 * read once the transaction has committed. Rejects with the transaction's error.
 */
export function transact<T>(d: IDBDatabase, name: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const tx = d.transaction(name, mode);
    const read = fn(tx.objectStore(name));
    tx.oncomplete = () => resolve(read());
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

/** Compressed sparse rows: row i's entries are `colIdx/values[rowPtr[i] … rowPtr[i + 1])`. */
export interface SparseMatrix {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  /** Float32: halves the memory traffic of the optimiser's passes; features need no more precision. */
  values: Float32Array;
}

export interface SparseBuilder {
  /** Appends one entry to the current row. */
  push(col: number, value: number): void;
  /** Closes the current row. */
  endRow(): void;
  build(): SparseMatrix;
}

export function sparseBuilder(cols: number, expectedNnz = 1024): SparseBuilder {
  let colIdx = new Int32Array(Math.max(16, expectedNnz));
  let values = new Float32Array(colIdx.length);
  const rowPtr: number[] = [0];
  let nnz = 0;
  return {
    push(col, value) {
      if (nnz === colIdx.length) {
        const bigger = new Int32Array(colIdx.length * 2);
        bigger.set(colIdx);
        colIdx = bigger;
        const biggerValues = new Float32Array(values.length * 2);
        biggerValues.set(values);
        values = biggerValues;
      }
      colIdx[nnz] = col;
      values[nnz] = value;
      nnz++;
    },
    endRow() {
      rowPtr.push(nnz);
    },
    build() {
      return {
        rows: rowPtr.length - 1,
        cols,
        rowPtr: Int32Array.from(rowPtr),
        colIdx: colIdx.slice(0, nnz),
        values: values.slice(0, nnz),
      };
    },
  };
}

/** Row i · w + bias. */
export function rowDot(x: SparseMatrix, i: number, w: ArrayLike<number>, bias = 0): number {
  let z = bias;
  const end = x.rowPtr[i + 1] as number;
  for (let k = x.rowPtr[i] as number; k < end; k++) z += (x.values[k] as number) * (w[x.colIdx[k] as number] as number);
  return z;
}

/** Messages between LocalUseEmbedder's worker runner and use-worker.ts. */
export interface UseWorkerRequest {
  id: number;
  texts: string[];
}

export type UseWorkerReply =
  | { id: number; vectors: Float32Array }
  | { id: number; error: string };

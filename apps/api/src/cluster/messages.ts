/** A worker tells the primary it accepts connections (and on which port: PORT=0 picks one). */
export const WORKER_LISTENING = 'bdc:listening';

export interface WorkerListening {
  type: typeof WORKER_LISTENING;
  port: number;
}

export function isWorkerListening(value: unknown): value is WorkerListening {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === WORKER_LISTENING && typeof (value as { port?: unknown }).port === 'number';
}

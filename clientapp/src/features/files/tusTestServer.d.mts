export interface TusServerUpload {
  length: number;
  offset: number;
  metadata: Record<string, string>;
}

export interface TusServerRequest {
  method: string;
  path: string;
  offset: string | null;
  token: string | null;
  checksum: string | null;
  tusResumable: string | null;
}

export interface TusServerState {
  uploads: Map<string, TusServerUpload>;
  requests: TusServerRequest[];
  refuseNextPatchAsAntiforgery: boolean;
  holdPatchesFrom: number;
  refuseCompletion: string | null;
  onHeld: (() => void) | null;
}

export interface TusTestServer {
  origin: string;
  state: TusServerState;
  sha256Of(id: string): string;
  reset(): void;
  close(): Promise<void>;
}

export function startTusServer(): Promise<TusTestServer>;

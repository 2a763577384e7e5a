import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';

export interface RobotRequest {
  readonly method: string;
  /** Path and query exactly as the client sent them. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The raw body, so a test can tell how it was encoded. */
  readonly body: Buffer;
}

/** What the robot does once it has read a whole request. */
export type RobotBehaviour = (request: RobotRequest, response: ServerResponse) => void;

export interface ChatRobotServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly requests: readonly RobotRequest[];
  close(): Promise<void>;
}

/** An HTTP server on a loopback port playing a group-chat robot. */
export async function startChatRobotServer(behave: RobotBehaviour): Promise<ChatRobotServer> {
  const requests: RobotRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      behave(request, res);
    });
  });
  const port = await listen(server);
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      // A robot that never answers still holds its connection open.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function replyJson(response: ServerResponse, status: number, payload: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(payload));
}

/** A loopback port nobody listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function listen(server: NetServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * A TCP server that accepts connections and never reads from them: once the kernel buffers are
 * full, a client's write cannot complete.
 */
export async function startDeafServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer({ pauseOnConnect: true }, (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  const port = await listen(server);
  return {
    port,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

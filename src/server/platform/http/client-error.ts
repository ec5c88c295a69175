import type { Duplex } from 'node:stream';
import { AppError, errorBody, pickLanguage, type ErrorCode } from './errors.js';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them: a request line or headers beyond Node's
 * `maxHeaderSize` (16 KB: a 100 KB query string ends here, as 431), a client too slow to send its request (408),
 * bytes that are not HTTP (400). Fastify's default answer has its own shape; this one writes ours, on the socket
 * itself since there is no request object yet, then closes the connection as Node does.
 */
export function answerClientError(err: Error & { code?: string; rawPacket?: unknown }, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : 'bad_request';
  const error = new AppError(code);
  // The headers were not parsed: look for Accept-Language in what arrived, French otherwise.
  const raw = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.toString('latin1') : '';
  const acceptLanguage = raw.match(/\r\naccept-language:[ \t]*([^\r\n]*)/i)?.[1];
  const body = JSON.stringify(errorBody(error, pickLanguage(undefined, acceptLanguage)));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${error.status} ${STATUS_TEXT[code]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

const STATUS_TEXT: Partial<Record<ErrorCode, string>> = {
  headers_too_large: 'Request Header Fields Too Large',
  request_timeout: 'Request Timeout',
  bad_request: 'Bad Request',
};

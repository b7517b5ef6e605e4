import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import bodyParser from 'body-parser';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * JSON request bodies, checked as bytes before they are parsed: a size limit
 * per route, then valid UTF-8, no lone surrogate escape, and a bounded shape
 * (nesting depth, entries of one array or object). The validators and
 * class-transformer walk what JSON.parse makes recursively; a body that is
 * refused here never reaches them, so it cannot overflow their stack nor keep
 * the event loop busy. Each refusal is an error with a `type` (and `limit`)
 * that the error layer answers in Vietnamese, without logging a stack.
 */

export interface JsonShapeLimits {
  /** Arrays and objects open at once. */
  maxDepth: number;
  maxArrayItems: number;
  maxObjectMembers: number;
}

/**
 * Far above what any request of the API has (a plan is five levels deep, its
 * longest list 200 tasks, its widest object fifteen fields), far below what
 * hurts.
 */
export const JSON_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 16, maxArrayItems: 1000, maxObjectMembers: 100 };

export type JsonShapeProblem =
  | { type: 'json.too.deep'; limit: number }
  | { type: 'json.array.too.long'; limit: number }
  | { type: 'json.object.too.wide'; limit: number }
  | { type: 'json.lone.surrogate' };

const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, U = 0x75;
const OPEN_ARRAY = 0x5b, CLOSE_ARRAY = 0x5d, OPEN_OBJECT = 0x7b, CLOSE_OBJECT = 0x7d;

/** The code unit of a "\uXXXX" escape whose hex digits start at i, or -1. */
function escapedUnit(text: Uint8Array, i: number): number {
  if (i + 4 > text.length) return -1;
  let unit = 0;
  for (let k = i; k < i + 4; k++) {
    const c = text[k] | 0x20; // ASCII lower case
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x61 + 10 : -1;
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

/**
 * One pass over the text of a JSON document, with no recursion: the first
 * problem of its shape, or null. Bytes of multi-byte UTF-8 characters are all
 * >= 0x80, so the structural characters are found byte by byte. Text that is
 * not JSON at all is left for JSON.parse to refuse.
 */
export function jsonShapeProblem(text: Uint8Array, limits: JsonShapeLimits = JSON_SHAPE_LIMITS): JsonShapeProblem | null {
  // per open container: whether it is an array, and the commas seen in it (entries - 1)
  const isArray = new Uint8Array(limits.maxDepth + 1);
  const commas = new Uint32Array(limits.maxDepth + 1);
  let depth = 0;
  let inString = false;
  // an escaped high surrogate waits for its low half, which must follow at once
  let highPending = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === BACKSLASH) {
        const unit = text[i + 1] === U ? escapedUnit(text, i + 2) : -1;
        if (unit >= 0xdc00 && unit <= 0xdfff) {
          if (!highPending) return { type: 'json.lone.surrogate' };
          highPending = false;
        } else {
          if (highPending) return { type: 'json.lone.surrogate' };
          highPending = unit >= 0xd800 && unit <= 0xdbff;
        }
        i += unit >= 0 ? 5 : 1;
      } else {
        if (highPending) return { type: 'json.lone.surrogate' };
        if (c === QUOTE) inString = false;
      }
      continue;
    }
    switch (c) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_ARRAY:
      case OPEN_OBJECT:
        if (depth === limits.maxDepth) return { type: 'json.too.deep', limit: limits.maxDepth };
        depth++;
        isArray[depth] = c === OPEN_ARRAY ? 1 : 0;
        commas[depth] = 0;
        break;
      case CLOSE_ARRAY:
      case CLOSE_OBJECT:
        if (depth > 0) depth--;
        break;
      case COMMA:
        if (depth === 0) break;
        if (isArray[depth]) {
          if (++commas[depth] >= limits.maxArrayItems) return { type: 'json.array.too.long', limit: limits.maxArrayItems };
        } else if (++commas[depth] >= limits.maxObjectMembers) {
          return { type: 'json.object.too.wide', limit: limits.maxObjectMembers };
        }
        break;
    }
  }
  return null;
}

/** An error as body-parser's own: the status and a `type` the error layer words. */
function refusal(status: number, type: string, limit?: number): Error {
  return Object.assign(new Error(type), { status, statusCode: status, expose: true, type, ...(limit !== undefined ? { limit } : {}) });
}

function verify(limits: JsonShapeLimits) {
  return (_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string | null): void => {
    // RFC 8259: JSON between systems is UTF-8; a UTF-16 body would slip past the checks below
    if (encoding && encoding !== 'utf-8' && encoding !== 'utf8') throw refusal(415, 'charset.unsupported');
    if (!isUtf8(body)) throw refusal(400, 'entity.not.utf8');
    const problem = jsonShapeProblem(body, limits);
    if (problem) throw refusal(400, problem.type, 'limit' in problem ? problem.limit : undefined);
  };
}

export interface BodyLimitRule {
  /** Any method when absent. */
  method?: string;
  path: RegExp;
  /** Bytes. */
  limit: number;
}

/**
 * Parses application/json bodies with the limit of the first rule that
 * matches the request (method and path), or the default limit.
 */
export function jsonBodies(o: { rules: BodyLimitRule[]; defaultLimit: number; shape?: JsonShapeLimits }): RequestHandler {
  const parsers = new Map<number, RequestHandler>();
  const parserFor = (limit: number): RequestHandler => {
    let parser = parsers.get(limit);
    if (!parser) {
      parser = bodyParser.json({ limit, verify: verify(o.shape ?? JSON_SHAPE_LIMITS) }) as RequestHandler;
      parsers.set(limit, parser);
    }
    return parser;
  };
  for (const rule of o.rules) parserFor(rule.limit);
  return (req: Request, res: Response, next: NextFunction) => {
    const rule = o.rules.find((r) => (!r.method || r.method === req.method) && r.path.test(req.path));
    return parserFor(rule?.limit ?? o.defaultLimit)(req, res, next);
  };
}

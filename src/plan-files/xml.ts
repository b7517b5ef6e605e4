import { DOMParser } from '@xmldom/xmldom';
import { FILE_MESSAGES, PlanFileError } from './plan-file-error.js';

/** The few DOM members the readers use (@xmldom/xmldom's nodes). */
export interface XmlNode {
  nodeType: number;
  localName?: string | null;
  nodeValue?: string | null;
  childNodes: ArrayLike<XmlNode>;
  getAttribute?(name: string): string | null;
}

export const ELEMENT = 1;
export const TEXT = 3;

/** Office parts never declare a DOCTYPE: one that does is refused before parsing, so no entity is ever read. */
const DOCTYPE = /<!DOCTYPE|<!ENTITY/i;

export function hasDoctype(xml: string): boolean {
  return DOCTYPE.test(xml);
}

/** The bytes of an XML part as text; UTF-8 as Office writes it (a BOM is dropped). */
export function xmlText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
}

/** Parses one XML part; a DOCTYPE or entity declaration, or malformed XML, is refused. */
export function parseXml(xml: string): XmlNode {
  if (hasDoctype(xml)) throw new PlanFileError('xml_entities', FILE_MESSAGES.xmlEntities);
  try {
    const doc = new DOMParser({
      locator: false,
      onError: (level: string) => {
        if (level !== 'warning') throw new Error('xml');
      },
    }).parseFromString(xml, 'text/xml');
    return doc as unknown as XmlNode;
  } catch {
    throw new PlanFileError('corrupt', FILE_MESSAGES.corrupt);
  }
}

export function elements(node: XmlNode, localName?: string): XmlNode[] {
  const out: XmlNode[] = [];
  const kids = node.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.nodeType === ELEMENT && (localName === undefined || k.localName === localName)) out.push(k);
  }
  return out;
}

export function firstElement(node: XmlNode, localName: string): XmlNode | undefined {
  const kids = node.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.nodeType === ELEMENT && k.localName === localName) return k;
  }
  return undefined;
}

/** w:val and friends: attributes are read by their qualified name, as Office writes them. */
export function attr(node: XmlNode | undefined, name: string): string | null {
  return node?.getAttribute?.(name) ?? null;
}

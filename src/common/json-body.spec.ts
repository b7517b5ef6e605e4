import { jsonShapeProblem, JsonShapeLimits } from './json-body.js';

const LIMITS: JsonShapeLimits = { maxDepth: 4, maxArrayItems: 3, maxObjectMembers: 2 };
const problem = (text: string, limits = LIMITS) => jsonShapeProblem(Buffer.from(text), limits)?.type ?? null;

describe('jsonShapeProblem', () => {
  it('passes what is within the limits, and text that is not JSON (JSON.parse refuses it)', () => {
    for (const text of ['', '{}', '[]', '[[[[]]]]', '[1,2,3]', '{"a":1,"b":[1,2,{"c":[]}]}', '"x"', '{"a":', ']]]]]', '[1,2,3', '"\\u12"']) {
      expect([text, problem(text)]).toEqual([text, null]);
    }
  });

  it('counts nesting, not brackets in strings', () => {
    expect(problem('[[[[[]]]]]')).toBe('json.too.deep');
    expect(problem('{"a":{"b":{"c":{"d":{}}}}}')).toBe('json.too.deep');
    expect(problem('["[[[[[[[[", "{{{{{{{{"]')).toBeNull();
    expect(problem('["\\"[[[[[[["]')).toBeNull();
    // closing brackets free their level again
    expect(problem('[[[[]]],[[[]]],[[[]]]]')).toBeNull();
  });

  it('counts the entries of each array and object, not commas in strings or in nested ones', () => {
    expect(problem('[1,2,3,4]')).toBe('json.array.too.long');
    expect(problem('{"a":1,"b":2,"c":3}')).toBe('json.object.too.wide');
    expect(problem('["a,b,c,d,e"]')).toBeNull();
    expect(problem('[[1,2,3],[1,2,3],{"a":1,"b":[1,2,3]}]')).toBeNull();
    expect(problem('{"a":[1,2,3],"b":{"x":1,"y":2}}')).toBeNull();
  });

  it('finds a lone surrogate escape, in values and names, and lets pairs and escaped backslashes through', () => {
    for (const text of ['"\\ud800"', '"\\uDBFF x"', '"\\udc00"', '"\\ud800\\u0041"', '"\\ud800\\n"', '"\\ud800\\ud800\\udc00"', '{"\\udfff":1}', '"\\ud83c\\udf3e\\udf3e"']) {
      expect([text, problem(text)]).toEqual([text, 'json.lone.surrogate']);
    }
    for (const text of ['"\\ud83c\\udf3e"', '"\\uD83C\\uDF3E"', '"\\\\ud800"', '"\\u00e9\\u1ec7"', '"🌾"', '["\\ud83c\\udf3e","\\u0022"]']) {
      expect([text, problem(text)]).toEqual([text, null]);
    }
  });

  it('reads a megabyte in one pass, without recursion', () => {
    const deep = Buffer.from('['.repeat(500_000) + ']'.repeat(500_000));
    expect(jsonShapeProblem(deep)?.type).toBe('json.too.deep');
    const long = Buffer.from(`[${Array(300_000).fill('"ệ"').join(',')}]`);
    const started = performance.now();
    expect(jsonShapeProblem(long, { maxDepth: 16, maxArrayItems: 1_000_000, maxObjectMembers: 100 })).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

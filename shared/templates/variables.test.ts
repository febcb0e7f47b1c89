import { describe, expect, it } from 'vitest';
import { parseTemplate, suggestVariable, validateTemplateBody, variablesOf } from './variables.ts';

describe('template variables', () => {
  it('parses variables with and without fallbacks, keeping positions', () => {
    const { segments, errors } = parseTemplate('Hoi {{customer.firstName | "daar"}}, ^{{ agent.initials }}');
    expect(errors).toEqual([]);
    expect(segments).toEqual([
      { kind: 'text', start: 0, end: 4, text: 'Hoi ' },
      { kind: 'variable', start: 4, end: 35, name: 'customer.firstName', fallback: 'daar' },
      { kind: 'text', start: 35, end: 38, text: ', ^' },
      { kind: 'variable', start: 38, end: 58, name: 'agent.initials', fallback: null },
    ]);
  });

  it('accepts single and typographic quotes around a fallback', () => {
    expect(parseTemplate("{{customer.firstName | 'there'}}").segments[0]).toMatchObject({
      fallback: 'there',
    });
    expect(parseTemplate('{{customer.firstName | “daar”}}').segments[0]).toMatchObject({ fallback: 'daar' });
    expect(parseTemplate('{{customer.firstName | ""}}').segments[0]).toMatchObject({ fallback: '' });
  });

  it('reports an unknown variable at its line and column, with a suggestion', () => {
    const errors = validateTemplateBody('Beste klant,\n\nBeste {{naam}}, dank je.');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'unknownVariable',
      messageKey: 'errors.unknownVariableSuggestion',
      offset: 20,
      length: 8,
      line: 3,
      column: 7,
      params: { name: 'naam', suggestion: 'customer.firstName' },
    });
  });

  it('suggests the known variable for a typo in its case or spelling', () => {
    expect(suggestVariable('customer.firstname')).toBe('customer.firstName');
    expect(suggestVariable('custmer.handle')).toBe('customer.handle');
    expect(suggestVariable('totally.unrelated.thing')).toBeNull();
  });

  it('reports an unknown variable without suggestion when nothing is close', () => {
    const [e] = validateTemplateBody('{{order.total}}');
    expect(e).toMatchObject({
      code: 'unknownVariable',
      messageKey: 'errors.unknownVariable',
      params: { name: 'order.total' },
    });
  });

  it('accepts declared custom fields and rejects undeclared ones', () => {
    expect(validateTemplateBody('Order {{custom.orderNumber}}', ['orderNumber'])).toEqual([]);
    expect(validateTemplateBody('Order {{custom.orderNumber}}', [])[0]?.code).toBe('unknownVariable');
  });

  it('reports syntax errors: unclosed, empty, bad name, bad fallback, stray close', () => {
    const codes = (body: string) => validateTemplateBody(body).map((e) => e.code);
    expect(codes('Hoi {{customer.firstName, hoe gaat het?')).toEqual(['unclosed']);
    expect(codes('Hoi {{customer.firstName {{agent.initials}}')).toEqual(['unclosed']);
    expect(codes('Hoi {{ }}')).toEqual(['empty']);
    expect(codes('Hoi {{customer first}}')).toEqual(['badName']);
    expect(codes('Hoi {{customer.firstName | daar}}')).toEqual(['badFallback']);
    expect(codes('Hoi {{customer.firstName | "daar}}')).toEqual(['badFallback']);
    expect(codes('Hoi customer.firstName}}, en }}')).toEqual(['strayClose', 'strayClose']);
  });

  it('points an unclosed variable at its own line only', () => {
    const [e] = validateTemplateBody('Regel een\nHoi {{customer.firstName\nRegel drie');
    expect(e).toMatchObject({ line: 2, column: 5, length: 20 });
  });

  it('lists the variables a body uses once each', () => {
    expect(variablesOf('{{customer.firstName}} {{brand.name}} {{customer.firstName | "x"}}')).toEqual([
      'customer.firstName',
      'brand.name',
    ]);
  });

  it('treats plain text with single braces as text', () => {
    expect(validateTemplateBody('Prijs {korting} en {x}')).toEqual([]);
  });
});

/**
 * Every vector of ../shared/vectors/tuya.json, read from the file. The signing vectors are checked twice:
 * with the client's signer (cloud/sign.ts) and with the mock cloud's independent verifier, so the two
 * implementations are each pinned to Tuya's published example rather than only to each other.
 */
import { createDecipheriv } from 'node:crypto';
import { loadVectors } from '../../helpers/vectors';
import { buildSignPayload, buildStringToSign, signRequest, SignInput } from '../../../cloud/sign';
import { decryptTicketKey, encryptPin, encryptPinWithTicket } from '../../../cloud/ticket-crypto';
import { isTuyaError } from '../../../cloud/errors';
import { verifySignature } from '../../../simulator/tuya-cloud-auth';

interface SigningVector {
  id: string;
  inputs: {
    client_id: string;
    secret: string;
    t: string;
    nonce: string;
    access_token: string;
    method: string;
    url: string;
    body: string;
    signature_headers: string;
    header_values: Record<string, string>;
  };
  string_to_sign: string;
  str: string;
  expected_sign: string;
}

const vectors = loadVectors<{ signing: SigningVector[]; crypto: any[]; about: any }>('tuya');

function toSignInput(v: SigningVector): SignInput {
  const [path, queryText] = v.inputs.url.split('?');
  const query: Record<string, string> = {};
  for (const pair of (queryText ?? '').split('&').filter(Boolean)) {
    const [k, val] = pair.split('=');
    query[k] = val;
  }
  return {
    method: v.inputs.method,
    path,
    query,
    body: v.inputs.body,
    t: v.inputs.t,
    nonce: v.inputs.nonce,
    accessToken: v.inputs.access_token,
    accessId: v.inputs.client_id,
    accessSecret: v.inputs.secret,
    signedHeaders: v.inputs.signature_headers.split(':').map((n) => [n, v.inputs.header_values[n]] as const),
  };
}

describe('signing vectors (Tuya published example)', () => {
  it('has both the token and the business vector', () => {
    expect(vectors.signing.map((v) => v.id).sort()).toEqual(['tuya-doc-business-request', 'tuya-doc-token-request']);
  });

  for (const v of vectors.signing) {
    it(`${v.id}: stringToSign, signed payload and sign match`, () => {
      const input = toSignInput(v);
      expect(buildStringToSign(input)).toBe(v.string_to_sign);
      expect(buildSignPayload(input)).toBe(v.str);
      const headers = signRequest(input);
      expect(headers.sign).toBe(v.expected_sign);
      expect(headers['Signature-Headers']).toBe(v.inputs.signature_headers);
      expect(headers.nonce).toBe(v.inputs.nonce);
    });

    it(`${v.id}: the mock cloud's own verifier accepts it, and rejects a one-character change`, () => {
      const headers: Record<string, string> = {};
      for (const [k, val] of Object.entries(signRequest(toSignInput(v)))) headers[k.toLowerCase()] = val;
      const request = { method: v.inputs.method, rawUrl: v.inputs.url, headers, body: Buffer.from(v.inputs.body) };
      const expectation = { accessId: v.inputs.client_id, accessSecret: v.inputs.secret, serverNow: Number(v.inputs.t), maxSkewMs: 1000 };
      expect(verifySignature(request, expectation)).toMatchObject({ ok: true });
      const tampered = { ...request, headers: { ...headers, sign: v.expected_sign.replace(/.$/, (c) => (c === '0' ? '1' : '0')) } };
      expect(verifySignature(tampered, expectation)).toEqual({ ok: false, code: 1004, msg: 'sign invalid' });
      expect(verifySignature(request, { ...expectation, serverNow: Number(v.inputs.t) + 5000 })).toMatchObject({ code: 1013 });
    });
  }

  it('hashes the empty body and "{}" as the conventions say', () => {
    const base = { method: 'GET', path: '/x' };
    const conventions = vectors.about.conventions;
    expect(buildStringToSign({ ...base, body: '' }).split('\n')[1]).toBe(conventions.empty_body_sha256);
    expect(buildStringToSign({ ...base, body: '{}' }).split('\n')[1]).toBe(conventions.json_empty_object_sha256);
  });
});

describe('ticket crypto vectors', () => {
  const ticket = vectors.crypto.find((v) => v.id === 'ticket-key-create-and-decrypt');
  const pin = vectors.crypto.find((v) => v.id === 'password-encrypt-1234567');

  it('ticket-key-create-and-decrypt: the secret as UTF-8 decrypts ticket_key to the 16-byte key', () => {
    const key = decryptTicketKey(ticket.ticket_key_hex_upper, ticket.inputs.access_secret);
    expect(key.length).toBe(ticket.decrypts_to_len_bytes);
    expect(key.toString('ascii')).toBe(ticket.decrypts_to_ascii);
    expect(key.toString('hex')).toBe(ticket.inputs.original_key_hex);
  });

  it('password-encrypt-1234567: AES-128-ECB upper-case hex, and it decrypts back', () => {
    const key = Buffer.from(pin.inputs.original_key_ascii, 'ascii');
    const hexUpper = encryptPin(pin.inputs.plain_password, key);
    expect(hexUpper).toBe(pin.encrypted_password_hex_upper);
    expect(hexUpper.toLowerCase()).toBe(pin.encrypted_password_hex_lower);
    const decipher = createDecipheriv('aes-128-ecb', key, null);
    const back = Buffer.concat([decipher.update(Buffer.from(hexUpper, 'hex')), decipher.final()]).toString('ascii');
    expect(back).toBe(pin.decrypts_back_to);
  });

  it('the whole recipe chains the two vectors', () => {
    expect(pin.inputs.original_key_ascii).toBe(ticket.decrypts_to_ascii);
    expect(encryptPinWithTicket(pin.inputs.plain_password, ticket.ticket_key_hex_upper, ticket.inputs.access_secret)).toBe(
      pin.encrypted_password_hex_upper,
    );
  });

  it('the forum "middle 16 characters" hint cannot decrypt the ticket (§3.3)', () => {
    const middle = Buffer.from(ticket.inputs.access_secret.substring(8, 24), 'utf8');
    const attempt = () => {
      const d = createDecipheriv('aes-128-ecb', middle, null);
      const out = Buffer.concat([d.update(Buffer.from(ticket.ticket_key_hex_upper, 'hex')), d.final()]);
      if (out.toString('ascii') !== ticket.decrypts_to_ascii) throw new Error('wrong key');
    };
    expect(attempt).toThrow();
  });

  it('a wrong secret fails loudly with a crypto error that names no key bytes', () => {
    const wrong = ticket.inputs.access_secret.split('').reverse().join('');
    let caught: unknown;
    try {
      decryptTicketKey(ticket.ticket_key_hex_upper, wrong);
    } catch (e) {
      caught = e;
    }
    expect(isTuyaError(caught) && caught.kind).toBe('crypto');
    expect(String((caught as Error).message)).not.toContain(wrong);
    expect(String((caught as Error).message)).not.toContain(ticket.decrypts_to_ascii);
  });
});

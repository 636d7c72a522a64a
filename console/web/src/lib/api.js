/**
 * Talks to the console BFF (same origin): JSON in and out, the CSRF header on every change, If-Match when asked,
 * problems (RFC 9457) as ApiError, the next page's cursor from `Link: <...>; rel="next"`, and the sign-in
 * redirect on a 401 (what the user typed is already saved as a draft by then).
 */

export class ApiError extends Error {
  constructor(status, problem, { network = false } = {}) {
    super(network ? 'network error' : `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.network = network;
  }
}

export function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : null;
}

export function currentPath() {
  return location.pathname + location.search;
}

let redirecting = false;

/** To the BFF's sign-in, back to the page the user is on. */
export function signIn() {
  if (redirecting) return;
  redirecting = true;
  window.dispatchEvent(new Event('zc:before-sign-in'));
  location.assign('/login?return=' + encodeURIComponent(currentPath()));
}

/** `"<version>"` for If-Match, from a version number or an ETag as the server sent it. */
export function ifMatchValue(versionOrEtag) {
  if (versionOrEtag === null || versionOrEtag === undefined) return null;
  const text = String(versionOrEtag);
  if (text.startsWith('"') || text.startsWith('W/')) return text;
  return `"${text}"`;
}

/** The query parameters of the `rel="next"` link, or null when there is no next page. */
export function nextLink(header) {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match && /rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2])) {
      try {
        const url = new URL(match[1], location.origin);
        return Object.fromEntries(url.searchParams.entries());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** A path with a query built from `params`, leaving out empty values; arrays repeat the parameter. */
export function withQuery(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => query.append(key, v));
    else query.append(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * @param {string} path same-origin path, e.g. /api/referral/cases/mine
 * @param {{method?: string, body?: any, ifMatch?: any, accept?: string, allow401?: boolean, signal?: AbortSignal}} options
 * @returns {Promise<{data: any, etag: string|null, next: object|null, status: number}>}
 */
export async function api(path, options = {}) {
  const { method = 'GET', body, ifMatch, accept = 'application/json', allow401 = false, signal } = options;
  const headers = { Accept: accept };
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const match = ifMatchValue(ifMatch);
  if (match) headers['If-Match'] = match;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    throw new ApiError(0, null, { network: true });
  }
  if (response.status === 401 && !allow401) {
    signIn();
    throw new ApiError(401, null);
  }
  let data = null;
  const type = response.headers.get('Content-Type') || '';
  if (response.status !== 204 && /json/i.test(type)) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, data && typeof data === 'object' && !Array.isArray(data) ? data : null);
  }
  return {
    data,
    etag: response.headers.get('ETag'),
    next: nextLink(response.headers.get('Link')),
    status: response.status,
  };
}

export const get = (path, options) => api(path, options);
export const post = (path, body, options = {}) => api(path, { ...options, method: 'POST', body });
export const put = (path, body, options = {}) => api(path, { ...options, method: 'PUT', body });

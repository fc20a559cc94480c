// A Binance error as the private endpoints raise it: the HTTP status and the {code, msg} body, with the
// codes and messages Binance really sends (ccxt maps them to its error classes by code and by message).
export class BinanceApiError extends Error {
  readonly status: number;
  readonly code: number;
  constructor(status: number, code: number, msg: string) {
    super(msg);
    this.status = status;
    this.code = code;
  }

  get body(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}

export const mandatory = (name: string) => new BinanceApiError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
export const illegal = (name: string) => new BinanceApiError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '${LEGAL[name] ?? '^[0-9.]+$'}'.`);
export const invalidSymbol = () => new BinanceApiError(400, -1121, 'Invalid symbol.');
export const filterFailure = (filter: string) => new BinanceApiError(400, -1013, `Filter failure: ${filter}`);
export const newOrderRejected = (msg: string) => new BinanceApiError(400, -2010, msg);
export const unknownOrder = () => new BinanceApiError(400, -2011, 'Unknown order sent.');
export const orderDoesNotExist = () => new BinanceApiError(400, -2013, 'Order does not exist.');

const LEGAL: Record<string, string> = {
  newClientOrderId: '^[\\.A-Z\\:/a-z0-9_-]{1,36}$',
  origClientOrderId: '^[\\.A-Z\\:/a-z0-9_-]{1,36}$',
  quantity: '^([0-9]{1,20})(\\.[0-9]{1,20})?$',
  price: '^([0-9]{1,20})(\\.[0-9]{1,20})?$',
  stopPrice: '^([0-9]{1,20})(\\.[0-9]{1,20})?$',
};

import { entityBase, opt, str } from './typedefs.js';

/** Kong `key_sets` entity: a named group of `keys`. */
export const keySetFields = {
  ...entityBase,
  name: opt(str()),
};

import { customStr, entityBase, opt } from './typedefs.js';
import { foreignKey } from './foreign-key.js';
import { wildcardHostProblem } from './host-port.js';

/**
 * Kong `snis` entity: `name` is a wildcard host (`*.example.com`,
 * `example.*`), not an IP, without port; `certificate` is required (implied
 * when nested in a certificate).
 */
export const sniFields = {
  ...entityBase,
  name: customStr(wildcardHostProblem),
  certificate: opt(foreignKey()),
};

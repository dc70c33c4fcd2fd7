import type { BackendExtension } from '../backend-services';
import { CentreLink } from './centre-link';

export interface CentreOptions {
  /** The house whose centre API the console's operators use, e.g. http://127.0.0.1:4100. */
  houseUrl: string;
  fetch?: typeof fetch;
}

/**
 * Centre mode (docs/centre.md, "The console in centre mode"): the console's login becomes the
 * centre's (password and TOTP at the house) and its centre screens speak /v1/centre/...
 */
export function createCentreExtension(options: CentreOptions): BackendExtension {
  return (services) => {
    const link = new CentreLink(options.houseUrl.replace(/\/+$/, ''), options.fetch, services.log);
    services.centre = link;
    return async () => {
      services.centre = null;
      await link.forgetAll();
    };
  };
}

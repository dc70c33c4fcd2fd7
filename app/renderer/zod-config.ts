import { z } from 'zod';

// The CSP has no 'unsafe-eval': tell zod not to probe for, or compile validators with, Function().
z.config({ jitless: true });

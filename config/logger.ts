import pino from 'pino';

// Structured JSON logs; secrets and tokens are redacted wherever they appear.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: process.env.ANJIAN_SERVICE ?? 'anjian-flow' },
  redact: {
    paths: [
      '*.authorization',
      '*.password',
      '*.token',
      '*.secret',
      'req.headers.authorization',
      'headers.authorization',
    ],
    censor: '[redacted]',
  },
});

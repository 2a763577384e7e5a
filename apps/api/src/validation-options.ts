import type { ValidationPipeOptions } from '@nestjs/common';
import { validationException } from './errors/validation-errors';

/** Request bodies as the API validates them everywhere: unknown fields are errors, not noise. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => validationException(errors),
};

// Must fail lint: a domain rule that does I/O and depends on an app-level library.
import { createTransport } from 'nodemailer';
import { Controller } from '@nestjs/common';
import * as fs from 'fs';
import { DubanConfig } from '@duban/config';

export const forbidden = [createTransport, Controller, fs, DubanConfig];

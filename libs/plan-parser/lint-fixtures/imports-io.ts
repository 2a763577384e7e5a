// Must fail lint: the plan reader is pure; files are read by its callers.
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';

export const forbidden = [readFileSync, DataSource];

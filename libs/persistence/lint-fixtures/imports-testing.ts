// Must fail lint: production code that reaches for test helpers (tests and testing/ may).
import { createTestDatabase } from '@duban/testing';
import { BOTH_DATABASES } from '../src/testing/both-databases';
import { TestWorkflowEnvironment } from '@temporalio/testing';

export const forbidden = [createTestDatabase, BOTH_DATABASES, TestWorkflowEnvironment];

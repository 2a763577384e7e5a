// Must fail lint: workflow code that reaches for a database, Nest and the file system.
import { DataSource } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';

export const forbidden = [DataSource, Injectable, readFileSync];

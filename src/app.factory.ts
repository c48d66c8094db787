import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiError } from './common/http/api-error';
import { ErrorFilter } from './common/http/error.filter';
import { toProblems } from './common/validation/problems';
import { Env } from './config/env';
import { ReferenceConfig } from './config/reference-config';

/** The whole HTTP wiring, shared by main.ts and the end-to-end tests. */
export async function createApp(env: Env, config: ReferenceConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRole(env, config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.use(json({ limit: env.BODY_LIMIT_BYTES }));
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => ApiError.validation(toProblems(errors)),
    }),
  );
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('contact-analytics')
    .setDescription('Exact customer-contact analytics for UK councils. Definitions: docs/definitions.md; contract: docs/http-contract.md (version 1).')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs/json' });
  return app;
}

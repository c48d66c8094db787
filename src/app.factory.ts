import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Server } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiError } from './common/http/api-error';
import { ErrorFilter } from './common/http/error.filter';
import { toProblems } from './common/validation/problems';
import { boundUnreadBodies } from './common/http/unread-body';
import { documentCommonRefusals } from './common/http/openapi-errors';
import { Env, trustProxyOf } from './config/env';
import { ReferenceConfig } from './config/reference-config';

/** The whole HTTP wiring, shared by main.ts and the end-to-end tests. */
export async function createApp(env: Env, config: ReferenceConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole(env, config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  harden(app, env);
  // No body parser here: JsonBodyInterceptor reads bodies after authentication, on routes that take one.
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
  SwaggerModule.setup('docs', app, () => documentCommonRefusals(SwaggerModule.createDocument(app, doc)), { jsonDocumentUrl: 'docs/json' });
  return app;
}

/** Security headers, CORS from the allow-list, the proxies to trust, bounded unread bodies. */
function harden(app: NestExpressApplication, env: Env): void {
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxyOf(env.TRUST_PROXY).value);
  // Swagger UI's page has inline <style> blocks (helmet's default style-src allows them) and loads
  // its scripts from /docs itself. No upgrade-insecure-requests: TLS, if any, ends at a proxy, and
  // on plain http (the demo, an intranet) it would send the page's own scripts to https.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (env.CORS_ORIGINS) {
    app.enableCors({ origin: env.CORS_ORIGINS.split(',').map((o) => o.trim()), exposedHeaders: ['Retry-After', 'Content-Disposition'], maxAge: 600 });
  }
  app.use(boundUnreadBodies(env.BODY_LIMIT_BYTES));
  // With a listener here, Node leaves `Expect: 100-continue` to us: JsonBodyInterceptor sends
  // 100 Continue only once the caller has passed the guards, so a refused body is never sent.
  const server = app.getHttpServer() as Server;
  server.on('checkContinue', (req, res) => server.emit('request', req, res));
}

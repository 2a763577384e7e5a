import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

/** Login, tokens, and the access checks the global guard and the services share. */
@Global()
@Module({
  controllers: [AuthController],
  providers: [TokenService, AuthService, AccessService],
  exports: [AccessService, TokenService],
})
export class AuthModule {}

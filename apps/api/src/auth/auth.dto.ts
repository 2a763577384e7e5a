import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { DELIVERY_MODES, type DeliveryMode } from '@duban/domain';

export class LoginDto {
  @ApiProperty({ example: 'supervisor', description: '用户名' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ description: '密码' })
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: '登录或上次刷新时得到的 refreshToken' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'refreshToken 格式不正确' })
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  currentPassword!: string;

  @ApiProperty({ description: '至少 10 个字符，含大写、小写、数字、符号中的三类' })
  @IsString()
  @Length(1, 128)
  newPassword!: string;
}

export class DeliveryModeDto {
  @ApiProperty({
    enum: DELIVERY_MODES,
    description:
      'immediate 逐条发送；digest 只在工作日早上收一封摘要（催办领导的通知仍单独发送）；both 两者都收',
  })
  @IsIn(DELIVERY_MODES, { message: `delivery 必须是 ${DELIVERY_MODES.join('、')} 之一` })
  delivery!: DeliveryMode;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/**
 * The enterprise's contact person: personal data, sealed before it reaches the ledger
 * (docs/personal-data.md). Validation messages name the field, never the value.
 */
export class ContactRequest {
  @ApiProperty({ example: 'Lin Wei' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    description: 'Digits with an optional leading +, spaces, dashes or parentheses',
    example: '+86 591 8800 1234',
  })
  @IsString()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, {
    message: 'phone must be 5 to 30 digits, spaces, dashes or parentheses, with an optional leading +',
  })
  phone!: string;

  @ApiProperty({ example: 'lin.wei@minjiang-optics.example' })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;
}

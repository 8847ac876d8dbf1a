import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI schema of a command's answer (CommandResponseBody). */
export class CommandResponseSchema {
  @ApiProperty({ description: "The aggregate's id", example: 'L-2025-0001' })
  id!: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Its revision after the command, also sent as the ETag; null when it does not exist',
    example: 3,
  })
  revision!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Global position of the last event written (opaque); null when nothing was written',
    example: '1842',
  })
  position!: string | null;
}

class FieldProblemSchema {
  @ApiProperty({ example: 'principal' })
  field!: string;

  @ApiProperty({ type: [String], example: ['"12.345" is not an amount: use digits with at most two decimal places'] })
  problems!: string[];
}

class ErrorDetailsSchema {
  @ApiPropertyOptional({ type: [FieldProblemSchema], description: 'For 400: every invalid field and why' })
  fields?: FieldProblemSchema[];
}

class ErrorSchema {
  @ApiProperty({ example: 409 })
  status!: number;

  @ApiProperty({ description: 'Stable, for programs', example: 'LOAN.NOT_DEFAULTED' })
  code!: string;

  @ApiProperty({ description: 'For a person', example: 'The loan is not in default' })
  message!: string;

  @ApiProperty({ type: ErrorDetailsSchema, description: 'Facts behind the error' })
  details!: ErrorDetailsSchema;

  @ApiProperty({ example: '7f6c2c1e-3f0b-4a51-9f43-0c1f3f1d9a10' })
  correlationId!: string;
}

/** OpenAPI schema of every error answer (ErrorBody). */
export class ErrorBodySchema {
  @ApiProperty({ type: ErrorSchema })
  error!: ErrorSchema;
}

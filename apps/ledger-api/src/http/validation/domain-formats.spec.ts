import { Type } from 'class-transformer';
import { IsOptional, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { IsBusinessDate, IsCreditCode, IsLedgerId, IsMoney, IsPatentNumber } from './domain-formats';
import { fieldProblems } from './ledger-validation.pipe';

class AssetDto {
  @IsPatentNumber()
  number!: string;
}

class LoanDto {
  @IsLedgerId()
  loanId!: string;

  @IsMoney({ positive: true })
  principal!: string;

  @IsMoney()
  fee!: string;

  @IsOptional()
  @IsMoney({ allowNegative: true })
  adjustment?: string;

  @IsBusinessDate()
  valueDate!: string;

  @IsCreditCode()
  creditCode!: string;

  @ValidateNested({ each: true })
  @Type(() => AssetDto)
  assets!: AssetDto[];
}

const valid = {
  loanId: 'L-2025_01',
  principal: '1250000.00',
  fee: '0',
  valueDate: '2024-02-29',
  creditCode: '91350100MA2Y0001X9',
  assets: [{ number: 'ZL200310102344.5' }],
};

function problems(body: object): Record<string, string[]> {
  const errors = validateSync(plainToInstance(LoanDto, body));
  return Object.fromEntries(fieldProblems(errors).map((f) => [f.field, [...f.problems]]));
}

describe('the domain-format decorators', () => {
  it('accept what the domain accepts', () => {
    expect(problems(valid)).toEqual({});
    expect(problems({ ...valid, adjustment: '-12.5', principal: '0.01' })).toEqual({});
  });

  it("give the domain parser's own reason for each invalid field, nested ones by path", () => {
    expect(
      problems({
        loanId: '_x',
        principal: '0.00',
        fee: '-1',
        adjustment: '1.234',
        valueDate: '2025-02-29',
        creditCode: '91350100MA2Y0001X8',
        assets: [{ number: 'ZL200310102344.5' }, { number: '200310102344.4' }],
      }),
    ).toEqual({
      loanId: [expect.stringMatching(/letters, digits/)],
      principal: ['Amount "0.00" must be more than zero'],
      fee: ['Amount "-1" must not be negative'],
      adjustment: [expect.stringMatching(/at most two decimal places/)],
      valueDate: [expect.stringMatching(/not a real calendar date/)],
      creditCode: [expect.stringMatching(/wrong check character/)],
      'assets.1.number': [expect.stringMatching(/expected 5 got 4/)],
    });
  });

  it('refuse numbers and other non-text values for amounts, dates and ids', () => {
    const found = problems({ ...valid, principal: 1250000, valueDate: 20250101, loanId: 7, creditCode: null });
    expect(Object.keys(found).sort()).toEqual(['creditCode', 'loanId', 'principal', 'valueDate']);
    expect(found.principal).toEqual([expect.stringMatching(/decimal string/)]);
  });
});

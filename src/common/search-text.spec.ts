import { fold, searchPattern, searchText } from './search-text.js';

describe('search text', () => {
  it.each([
    ['АЙГЕРИМ СЕЙТҚАЛИ', 'айгерим сейтқали'],
    ['ӘҒҚҢӨҰҮҺІ', 'әғқңөұүһі'],
    ['ТОО «Сапа Құрылыс»', 'тоо сапа құрылыс'],
    ['Пётр  Семёнов', 'петр семенов'],
    ['Steppe "Supplies"   LLP', 'steppe supplies llp'],
  ])('folds %s to %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('joins the parts it is given and skips the empty ones', () => {
    expect(searchText('Айгерим Сейтқали', null, 'A@Example.kz', '')).toBe('айгерим сейтқали a@example.kz');
  });

  it('makes a LIKE pattern with the wildcards of the query escaped', () => {
    expect(searchPattern('  Сейтқали ')).toBe('%сейтқали%');
    expect(searchPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
    expect(searchPattern(' «» ')).toBeNull();
  });
});

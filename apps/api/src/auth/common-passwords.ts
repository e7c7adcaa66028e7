/**
 * Passwords too common to accept (compared case-insensitively, surrounding spaces ignored). Only
 * entries of at least PASSWORD_RULES.minLength characters matter, shorter ones are refused by length
 * anyway: this is the long tail of the usual most-common lists (keyboard walks, digit runs, words
 * with digits appended) plus the product's own names.
 */
export const COMMON_PASSWORDS: readonly string[] = [
  '1234567890', '0123456789', '0987654321', '9876543210', '1111111111', '0000000000', '2222222222', '1212121212',
  '123456789a', 'a123456789', '1234567891', '12345678910', '123123123123', '123456123456', '1234512345', '1qaz2wsx3edc',
  '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5', 'q1w2e3r4t5y6', 'zaq12wsxcde3', 'zaq1zaq1zaq1', 'qwertyuiop', 'qwertyuiop123',
  'qwerty1234', 'qwerty12345', 'qwerty123456', 'qwertyqwerty', 'asdfghjkl1', 'asdfghjkl;', 'asdfghjkl123', 'zxcvbnm123',
  'zxcvbnm1234', 'zxcvbnmasdf', 'qazwsxedcrfv', 'qazwsxedc123', '1qazxsw23edc', 'abcdefghij', 'abcdefg123', 'abcd123456',
  'abc1234567', 'abcabcabcabc', 'aaaaaaaaaa', 'password12', 'password123', 'password1234', 'password12345', 'password!',
  'password01', 'password99', 'password2020', 'password2021', 'password2022', 'password2023', 'password2024', 'password2025',
  'password2026', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123', 'passwordpassword', 'mypassword', 'mypassword1', 'newpassword',
  'newpassword1', 'changeme123', 'changemenow', 'letmein123', 'letmeinnow', 'iloveyou12', 'iloveyou123', 'iloveyou1234',
  'iloveyouforever', 'welcome123', 'welcome1234', 'welcometothejungle', 'sunshine123', 'princess123', 'football123', 'baseball123',
  'basketball', 'basketball1', 'superman123', 'batman12345', 'spiderman1', 'starwars123', 'pokemon123', 'minecraft1',
  'minecraft123', 'dragon1234', 'monkey12345', 'shadow1234', 'master1234', 'michael123', 'jennifer12', 'jordan2323',
  'charlie123', 'liverpool1', 'chelsea123', 'arsenal123', 'manchester', 'manchesterunited', 'barcelona1', 'realmadrid',
  'computer12', 'computer123', 'internet123', 'administrator', 'administrator1', 'admin12345', 'admin123456', 'adminadmin',
  'administrador', 'rootroot12', 'toor123456', 'trustno1234', 'whatever123', 'freedom123', 'chocolate1', 'chocolate123',
  'butterfly1', 'strawberry', 'watermelon', 'pineapple1', 'blink182182', 'linkinpark', 'metallica1', 'rockyou123',
  'alexander1', 'christopher', 'elizabeth1', 'stephanie1', 'jessica123', 'samantha12', 'victoria12', 'fernando12',
  'university', 'motherfucker', 'fuckyou123', 'asshole123', 'secret1234', 'secretpassword', 'qwer1234qwer', '1qa2ws3ed4rf',
  'abc123abc123', 'test123456', 'testtest12', 'testing123', 'default123', 'guest12345', 'summer2024', 'summer2025',
  'summer2026', 'winter2024', 'winter2025', 'winter2026', 'spring2025', 'spring2026', 'autumn2025', 'autumn2026',
  'january2026', 'december2026', 'helloworld', 'helloworld1', 'hello12345', 'goodluck123', 'lovelove12', 'loveyou123',
  'demodemo12', 'demo123456', 'bdcims1234', 'bdcims12345', 'bdcimsadmin', 'changeticket', 'datacenter', 'datacenter1',
];

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.trim().toLowerCase());
}

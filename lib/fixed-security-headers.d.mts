export declare const FIXED_SECURITY_HEADERS: Readonly<Record<string, string>>;

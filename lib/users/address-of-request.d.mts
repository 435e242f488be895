export declare const CLIENT_ADDRESS_HEADER = "x-portal-client-address";
export declare function clientAddressFrom(socketAddress: string | undefined, forwardedFor: string | undefined, trustedProxies: number): string;

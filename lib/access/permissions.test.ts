import { describe, expect, it } from "vitest";
import { AccessDenied, assertCan, can } from "./permissions";
import { loginPath, safeReturnPath } from "./return-path";

describe("role abilities", () => {
  it("lets only heads, HR and admins see teams", () => {
    expect(can("EMPLOYEE", "viewTeam")).toBe(false);
    expect(can("HEAD", "viewTeam")).toBe(true);
    expect(can("HR", "viewTeam")).toBe(true);
    expect(can("ADMIN", "viewTeam")).toBe(true);
  });

  it("lets only HR and admins see every department and manage content and users", () => {
    for (const ability of ["viewAllDepartments", "manageContent", "manageUsers"] as const) {
      expect([can("EMPLOYEE", ability), can("HEAD", ability), can("HR", ability), can("ADMIN", ability)]).toEqual([
        false,
        false,
        true,
        true,
      ]);
    }
  });

  it("keeps privileged roles and settings to admins", () => {
    expect(can("HR", "grantPrivilegedRoles")).toBe(false);
    expect(can("ADMIN", "grantPrivilegedRoles")).toBe(true);
    expect(can("HR", "manageSettings")).toBe(false);
  });

  it("lets everyone study and take exams", () => {
    for (const role of ["EMPLOYEE", "HEAD", "HR", "ADMIN"] as const) {
      expect(can(role, "study") && can(role, "takeExams")).toBe(true);
    }
  });

  it("throws AccessDenied from assertCan", () => {
    expect(() => assertCan({ role: "EMPLOYEE" }, "manageContent")).toThrow(AccessDenied);
    expect(() => assertCan({ role: "HR" }, "manageContent")).not.toThrow();
  });
});

describe("return path after login", () => {
  it("keeps same-site paths", () => {
    expect(safeReturnPath("/decks/attestation-prep?x=1")).toBe("/decks/attestation-prep?x=1");
    expect(loginPath("/decks/a")).toBe("/login?callbackUrl=%2Fdecks%2Fa");
    expect(loginPath("/")).toBe("/login");
  });

  it("refuses other sites and loops", () => {
    for (const value of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/login", "/api/auth/signout", 42, undefined]) {
      expect(safeReturnPath(value)).toBe("/");
    }
  });
});

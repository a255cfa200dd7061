/// Where a PostgreSQL password comes from, in libpq's order: `PGPASSWORD`, then the password file.
public enum PostgresPassword {
  public static func find(for address: PostgresAddress, environment: [String: String]) -> String? {
    if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
    guard let path = PasswordFile.path(environment: environment) else { return nil }
    return PasswordFile.load(at: path)?.password(for: address)
  }
}

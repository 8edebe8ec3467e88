package org.maiis.server.banking;

import io.javalin.config.RoutesConfig;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.platform.Platform;
import org.maiis.server.platform.ServerModule;

/** Accounts, money movements and their history. */
public final class BankingModule implements ServerModule {
  private final BankingController controller;

  /** Builds the area on {@code p}, its callers identified by {@code authenticator}. */
  public BankingModule(Platform p, Authenticator authenticator) {
    Accounts accounts = new Accounts();
    Ledger ledger = new Ledger(p.db().embedded());
    AccountService accountService =
        new AccountService(p.tx(), accounts, ledger, p.config().banking(), p.clock());
    MoneyMovements movements =
        new MoneyMovements(
            p.tx(),
            accounts,
            ledger,
            new Idempotency(),
            p.mapper(),
            p.config().banking(),
            p.clock());
    this.controller =
        new BankingController(accountService, movements, authenticator, p.bodies(), p.mapper());
  }

  @Override
  public void routes(RoutesConfig routes) {
    controller.register(routes);
  }
}

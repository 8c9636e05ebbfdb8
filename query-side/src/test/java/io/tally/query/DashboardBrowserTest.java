package io.tally.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.query.support.Browser;
import io.tally.query.support.FullStack;
import io.tally.query.support.FullStackExtension;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in headless Chromium against the whole platform: commands go to the real command side, the real
 * projections write Postgres and ClickHouse, and the page shows them through the query side's WebSocket.
 */
@ExtendWith(FullStackExtension.class)
class DashboardBrowserTest {
  static final Duration LIVE = Duration.ofSeconds(20);
  static FullStack stack;
  static Browser browser;

  @BeforeAll
  static void open(FullStack fullStack) {
    stack = fullStack;
    browser = Browser.open();
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void signedOut() {
    browser.driver.get("http://127.0.0.1:" + stack.query.port + "/");
    ((JavascriptExecutor) browser.driver).executeScript("sessionStorage.clear()");
    browser.driver.navigate().refresh();
  }

  @Test
  void signInWithADevTokenThenOrdersCountersAndTheChartMoveAsCommandsArePosted() {
    browser.await("dev tokens offered", LIVE, d -> d.findElements(By.cssSelector("[data-test='dev-token']")).size() == 5);
    browser.screenshot("01-sign-in");
    signInAs("acme-admin");
    assertThat(browser.find("tenant-badge").getText()).isEqualTo("acme");
    long paidBefore = raw("count-paid");
    BigDecimal revenueBefore = lastBar();

    List<String[]> orders = List.of(new String[] {"web-1", "19.90"}, new String[] {"web-2", "42.00"},
        new String[] {"web-3", "7.50"}, new String[] {"web-4", "120.00"}, new String[] {"web-5", "64.00"},
        new String[] {"web-6", "15.00"});
    for (String[] o : orders) {
      assertThat(stack.post("acme", FullStack.place(o[0], o[1])).status()).isEqualTo(201);
    }
    browser.await("six new orders in the table", LIVE, d -> orders.stream().allMatch(o -> row(o[0]) != null));
    for (String[] o : orders.subList(0, 4)) {
      assertThat(stack.post("acme", FullStack.pay(o[0], o[1])).status()).isEqualTo(201);
    }
    stack.post("acme", new JsonObject().put("type", "ShipOrder").put("orderId", "web-1").put("carrier", "DHL"));
    stack.post("acme", new JsonObject().put("type", "CancelOrder").put("orderId", "web-6").put("reason", "customer"));
    browser.await("paid, shipped and cancelled rows", LIVE, d -> "SHIPPED".equals(status("web-1"))
        && "PAID".equals(status("web-4")) && "CANCELLED".equals(status("web-6")));
    browser.await("the paid counter moved by 4", LIVE, d -> raw("count-paid") == paidBefore + 4);
    BigDecimal paid = new BigDecimal("189.40");
    browser.await("the current hour's bar grew by the payments", LIVE,
        d -> lastBar().compareTo(revenueBefore.add(paid)) == 0);
    assertThat(browser.find("live-status").getAttribute("data-state")).isEqualTo("live");
    assertThat(row("web-2").getText()).contains("€42.00");
    browser.screenshot("02-live-orders");
  }

  @Test
  void neverShowsAnotherTenantsOrders() {
    signInAs("acme-viewer");
    assertThat(stack.post("globex", FullStack.place("globex-private-1", "5000.00")).status()).isEqualTo(201);
    assertThat(stack.post("globex", FullStack.pay("globex-private-1", "5000.00")).status()).isEqualTo(201);
    assertThat(stack.post("acme", FullStack.place("acme-after-globex", "3.00")).status()).isEqualTo(201);
    browser.await("acme's later order shown", LIVE, d -> row("acme-after-globex") != null);
    String page = browser.driver.getPageSource();
    assertThat(page).doesNotContain("globex-private").doesNotContain("5,000").doesNotContain("5000");
    assertThat(browser.find("tenant-badge").getText()).isEqualTo("acme");
  }

  @Test
  void theProjectionsPageShowsLagAndDeadLettersAndRunsAReplayWithProgress() {
    assertThat(stack.post("acme", FullStack.place("before-replay", "11.00")).status()).isEqualTo(201);
    signInAs("acme-admin");
    browser.await("the order shown", LIVE, d -> row("before-replay") != null);
    browser.find("nav-admin").click();
    browser.await("both projections shown", LIVE,
        d -> d.findElements(By.cssSelector("[data-test='projection']")).size() == 2);
    WebElement pg = browser.driver.findElement(By.cssSelector("[data-test='projection'][data-name='pg-orders']"));
    browser.await("state and dead letters read", LIVE, d -> !pg.findElement(By.cssSelector("[data-test='state']"))
        .getText().isEmpty() && pg.findElement(By.cssSelector("[data-test='dead-letters']")).getText().equals("0"));
    assertThat(pg.findElement(By.cssSelector("[data-test='state']")).getText()).isIn("running", "replaying");
    assertThat(pg.findElement(By.cssSelector("[data-test='lag-events']")).getText()).matches("[0-9,.]+");
    pg.findElement(By.cssSelector("[data-test='replay']")).click();
    browser.await("a confirmation", LIVE, ExpectedConditions.alertIsPresent()).accept();
    browser.await("the replay finished at 100%", Duration.ofSeconds(90), d -> "done".equals(
        pg.findElement(By.cssSelector("[data-test='replay-phase']")).getText())
        && pg.findElement(By.cssSelector("[data-test='replay-percent']")).getText().startsWith("100%"));
    browser.await("the projection running again after the swap", LIVE,
        d -> "running".equals(pg.findElement(By.cssSelector("[data-test='state']")).getText()));
    browser.screenshot("03-projections");
    browser.find("nav-live").click();
    browser.await("the rebuilt view still shows the order", LIVE, d -> row("before-replay") != null);
  }

  @Test
  void aPlatformAdminChoosesWhichTenantToWatch() {
    assertThat(stack.post("globex", FullStack.place("globex-for-admin", "8.00")).status()).isEqualTo(201);
    browser.await("dev token platform-admin", LIVE, ExpectedConditions.elementToBeClickable(
        By.cssSelector("[data-test='dev-token'][data-subject='platform-admin']"))).click();
    WebElement tenant = browser.await("the tenant picker", LIVE,
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='tenant-input']")));
    tenant.sendKeys("globex\n");
    browser.await("globex's order shown", LIVE, d -> row("globex-for-admin") != null);
    assertThat(browser.find("tenant-badge").getText()).isEqualTo("globex");
  }

  @Test
  void aViewerGetsNoAdminControls() {
    signInAs("acme-viewer");
    browser.find("nav-admin").click();
    browser.await("the admin page explains it needs an admin", LIVE,
        d -> !d.findElements(By.cssSelector("[data-test='admin-forbidden']")).isEmpty());
    assertThat(browser.driver.findElements(By.cssSelector("[data-test='replay']"))).isEmpty();
  }

  private static void signInAs(String subject) {
    browser.await("dev token " + subject, LIVE, ExpectedConditions.elementToBeClickable(
        By.cssSelector("[data-test='dev-token'][data-subject='" + subject + "']"))).click();
    browser.await("the live feed connected", LIVE,
        d -> "live".equals(browser.find("live-status").getAttribute("data-state")));
  }

  private static WebElement row(String orderId) {
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("[data-test='order-row'][data-order-id='"
        + orderId + "']"));
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static String status(String orderId) {
    WebElement row = row(orderId);
    return row == null ? null : row.getAttribute("data-status");
  }

  private static long raw(String counter) {
    String value = browser.find(counter).getAttribute("data-raw");
    return value == null ? 0 : Long.parseLong(value);
  }

  private static BigDecimal lastBar() {
    List<WebElement> bars = browser.driver.findElements(By.cssSelector("[data-test='bar']"));
    return bars.isEmpty() ? BigDecimal.ZERO : new BigDecimal(bars.get(bars.size() - 1).getAttribute("data-value"));
  }
}

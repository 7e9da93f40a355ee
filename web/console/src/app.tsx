import { LocationProvider, Route, Router } from "preact-iso";
import { Header } from "./components/Header";
import { SessionProvider } from "./session/SessionProvider";
import { SignInPage } from "./session/SignInPage";
import { SearchPage } from "./pages/search/SearchPage";
import { ListingPage } from "./pages/listing/ListingPage";
import { NotFoundPage } from "./pages/NotFoundPage";

/**
 * The console: one header, one main region per page. The server answers
 * the same page for each path below (src/http/console.ts); keep the two
 * lists in step.
 */
export function App() {
  return (
    <LocationProvider>
      <SessionProvider>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <Header />
        <main id="main" tabIndex={-1}>
          <Router>
            <Route path="/" component={SearchPage} />
            <Route path="/listings/:slug" component={ListingPage} />
            <Route path="/sign-in" component={SignInPage} />
            <Route default component={NotFoundPage} />
          </Router>
        </main>
        <footer class="site-footer">
          <p>
            Technical Inventory of tools against child sexual abuse material online. Developers:{" "}
            <a href="/graphql">the GraphQL API</a>.
          </p>
        </footer>
      </SessionProvider>
    </LocationProvider>
  );
}

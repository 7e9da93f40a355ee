import { LocationProvider, Route, Router } from "preact-iso";
import { Header } from "./components/Header";
import { SessionProvider } from "./session/SessionProvider";
import { SignInPage } from "./session/SignInPage";
import { SearchPage } from "./pages/search/SearchPage";
import { ListingPage } from "./pages/listing/ListingPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ComparePage } from "./pages/compare/ComparePage";
import { SavedSearchesPage } from "./pages/workspace/SavedSearchesPage";
import { ShortlistsPage } from "./pages/workspace/ShortlistsPage";
import { ShortlistPage } from "./pages/workspace/ShortlistPage";
import { MyListingsPage } from "./pages/vendor/MyListingsPage";
import { EditListingPage } from "./pages/vendor/EditListingPage";
import { NewListingPage } from "./pages/vendor/NewListingPage";
import { ReviewQueuePage } from "./pages/review/ReviewQueuePage";
import { RevisionPage } from "./pages/review/RevisionPage";
import { GapsPage } from "./pages/reports/GapsPage";
import { SinglePointsPage } from "./pages/reports/SinglePointsPage";
import { DuplicationPage } from "./pages/reports/DuplicationPage";
import { StalePage } from "./pages/reports/StalePage";
import { SavedReportsPage } from "./pages/reports/SavedReportsPage";
import { SavedReportPage } from "./pages/reports/SavedReportPage";
import { CompareReportsPage } from "./pages/reports/CompareReportsPage";

/**
 * The console: one header, one main region per page. The server answers
 * the same page for each path below (src/http/console.ts); keep the two
 * lists in step.
 */
/** The path the console last showed: a new path is a new page, a new query string is the same page. */
let shownPath = location.pathname;

/**
 * On a new page, as a browser does after a full load: back to the top, and
 * focus on the main region, so a keyboard or screen-reader user starts at
 * the page's content rather than on a link that is gone. A new query string
 * (typing a search, choosing a filter) keeps focus where it is.
 */
function onRouteChange(url: string) {
  const path = new URL(url, location.origin).pathname;
  if (path === shownPath) return;
  shownPath = path;
  window.scrollTo(0, 0);
  document.getElementById("main")?.focus({ preventScroll: true });
}

export function App() {
  return (
    <LocationProvider>
      <SessionProvider>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <Header />
        <main id="main" tabIndex={-1}>
          <Router onRouteChange={onRouteChange}>
            <Route path="/" component={SearchPage} />
            <Route path="/listings/:slug" component={ListingPage} />
            <Route path="/sign-in" component={SignInPage} />
            <Route path="/compare" component={ComparePage} />
            <Route path="/workspace/saved-searches" component={SavedSearchesPage} />
            <Route path="/workspace/shortlists" component={ShortlistsPage} />
            <Route path="/workspace/shortlists/:id" component={ShortlistPage} />
            <Route path="/vendor" component={MyListingsPage} />
            <Route path="/vendor/new" component={NewListingPage} />
            <Route path="/vendor/listings/:slug" component={EditListingPage} />
            <Route path="/review" component={ReviewQueuePage} />
            <Route path="/review/:slug/:revision" component={RevisionPage} />
            <Route path="/gaps" component={GapsPage} />
            <Route path="/gaps/single-points" component={SinglePointsPage} />
            <Route path="/gaps/saved" component={SavedReportsPage} />
            <Route path="/gaps/saved/compare" component={CompareReportsPage} />
            <Route path="/gaps/saved/:id" component={SavedReportPage} />
            <Route path="/duplication" component={DuplicationPage} />
            <Route path="/stale" component={StalePage} />
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

// The page's side of the journey extra (docs/sdk.md#journey): it asks the SDK for the
// visitor's journey and changes its offer with the conversion probability. Navigation is
// client-side (history.pushState), so the SDK records each page view by itself.
(function () {
  var $ = function (id) { return document.getElementById(id); };
  /** Below this probability the offer turns into a discount. */
  var LOW = 0.15;
  var last;

  function offer(j) {
    var o = $('offer');
    if (!j.model) {
      o.dataset.kind = 'none';
      o.textContent = 'Free returns on every pair.'; // the offer without a journey
    } else if (j.conversionProbability >= 1) {
      o.dataset.kind = 'thanks';
      o.textContent = 'Thank you for your order!';
    } else if (last !== undefined && j.conversionProbability < last && j.conversionProbability < LOW) {
      o.dataset.kind = 'discount';
      o.textContent = 'Still looking? Take 10% off with code TRAIL10.';
    } else if (o.dataset.kind !== 'discount') {
      o.dataset.kind = 'standard';
      o.textContent = 'Free shipping over 50 EUR.';
    }
  }

  function render(j) {
    window.footfallJourney = j;
    offer(j);
    if (!j.model) {
      $('stage').textContent = 'no model available';
      $('probability').textContent = '–';
      $('next').textContent = '–';
      return;
    }
    $('stage').textContent = j.stage || 'none yet';
    $('funnel').replaceChildren.apply($('funnel'), j.funnel.steps.map(function (step, i) {
      var li = document.createElement('li');
      li.textContent = step;
      if (i < j.funnel.reached) li.className = 'done';
      return li;
    }));
    $('probability').textContent = (j.conversionProbability * 100).toFixed(1) + '%';
    $('meter').value = j.conversionProbability;
    $('next').textContent = j.next.map(function (n) { return n.item + ' (' + (n.probability * 100).toFixed(0) + '%)'; }).join(', ') || '–';
    last = j.conversionProbability;
  }

  document.addEventListener('click', function (e) {
    var b = e.target.closest('button');
    if (!b) return;
    if (b.dataset.go) history.pushState(null, '', b.dataset.go);
    if (b.dataset.cart === 'add') footfall('cart', 'add', { items: [{ id: 'trail-boot', name: 'Trail Boot', price: 89, quantity: 1 }], currency: 'EUR' });
    if (b.dataset.cart === 'purchase') footfall('cart', 'purchase', { orderId: 'o-' + Date.now(), value: 89, currency: 'EUR' });
  });
  footfall('journey', render);
})();

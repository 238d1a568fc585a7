// Polls the read-only API and redraws; no build step, the charting library (uPlot) comes from its WebJar.
(() => {
  'use strict';

  const POLL_MILLIS = 2000;
  const TOKEN_KEY = 'wallet-analytics-token';
  const $ = (id) => document.getElementById(id);

  let token = sessionStorage.getItem(TOKEN_KEY) || '';

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    token = $('token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, token);
    $('token-form').hidden = true;
    refresh();
  });

  class Unauthorized extends Error {}

  async function get(path) {
    const headers = { Accept: 'application/json' };
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    const response = await fetch(path, { headers });
    if (response.status === 401) {
      throw new Unauthorized();
    }
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.detail || ('HTTP ' + response.status));
    }
    return body;
  }

  function chartWidth(element) {
    return Math.max(320, element.clientWidth || element.parentElement.clientWidth - 24);
  }

  function makeChart(element, series, axes) {
    return new uPlot({
      width: chartWidth(element),
      height: 260,
      scales: { x: { time: true } },
      series: [{}, ...series],
      axes: [{}, ...axes],
    }, [[], ...series.map(() => [])], element);
  }

  const moneyChart = makeChart($('money-chart'), [
    { label: 'Volume', stroke: '#3b6fd8', width: 2, scale: 'money', value: (u, v) => v == null ? '–' : v.toFixed(2) },
    // fees are a fixed share of volume, so on their own axis their line would hide the volume's: dashed
    { label: 'Fees', stroke: '#d8883b', width: 2, dash: [6, 4], scale: 'fees', value: (u, v) => v == null ? '–' : v.toFixed(2) },
  ], [
    { scale: 'money', label: 'Volume', size: 70 },
    { scale: 'fees', side: 1, label: 'Fees', size: 60, grid: { show: false } },
  ]);

  const rejectionChart = makeChart($('rejection-chart'), [
    { label: 'Rejected', stroke: '#b42318', width: 2, scale: '%', value: (u, v) => v == null ? '–' : v.toFixed(1) + ' %' },
  ], [
    { scale: '%', size: 60, values: (u, values) => values.map((v) => v + ' %') },
  ]);

  window.addEventListener('resize', () => {
    moneyChart.setSize({ width: chartWidth($('money-chart')), height: 260 });
    rejectionChart.setSize({ width: chartWidth($('rejection-chart')), height: 260 });
  });

  function rate(rejected, completed) {
    const all = rejected + completed;
    return all === 0 ? null : (100 * rejected) / all;
  }

  function showTotals(totals) {
    $('completed').textContent = totals.completed.toLocaleString();
    $('rejected').textContent = totals.rejected.toLocaleString();
    const rejection = rate(totals.rejected, totals.completed);
    $('rejection-rate').textContent = rejection === null ? '–' : rejection.toFixed(2) + ' %';
    $('volume').textContent = totals.volume;
    $('fees').textContent = totals.fees;
    $('top-ups').textContent = totals.top_ups;
  }

  function showMinutes(minutes) {
    const times = minutes.map((m) => Date.parse(m.minute) / 1000);
    // amounts arrive as exact decimal text; a chart only needs them approximately
    moneyChart.setData([times, minutes.map((m) => Number(m.volume)), minutes.map((m) => Number(m.fees))]);
    rejectionChart.setData([times, minutes.map((m) => rate(m.rejected, m.completed))]);
  }

  function showTop(list, top) {
    list.replaceChildren();
    if (top.users.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = 'No transfers in the last ' + top.window_minutes + ' minutes';
      list.append(empty);
      return;
    }
    const largest = Number(top.users[0].volume) || 1;
    for (const user of top.users) {
      const item = document.createElement('li');
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = Math.max(2, (200 * Number(user.volume)) / largest) + 'px';
      const text = document.createElement('span');
      text.className = 'amount';
      text.textContent = 'user ' + user.user_id + ': ' + user.volume;
      item.append(bar, text);
      list.append(item);
    }
  }

  async function refresh() {
    try {
      const [totals, minutes, receivers, senders] = await Promise.all([
        get('/api/analytics/totals'),
        get('/api/analytics/minutes'),
        get('/api/analytics/top?by=receiver'),
        get('/api/analytics/top?by=sender'),
      ]);
      showTotals(totals);
      showMinutes(minutes.minutes);
      showTop($('top-receivers'), receivers);
      showTop($('top-senders'), senders);
      $('status').className = '';
      $('status').textContent = 'Updated ' + new Date().toLocaleTimeString();
    } catch (error) {
      $('status').className = 'problem';
      if (error instanceof Unauthorized) {
        $('status').textContent = 'The API asks for a bearer token';
        $('token-form').hidden = false;
      } else {
        $('status').textContent = 'Not updated: ' + error.message;
      }
    }
  }

  refresh();
  setInterval(refresh, POLL_MILLIS);
})();

// 我要反映 and 我的反映: categories, photos, filing, similar open cases, following, my cases.
const { request, upload, download, query } = require('../utils/request');

function categories() {
  return request({ path: '/api/v1/complaint-categories', auth: false });
}

/** A key for one draft: a retry of the same draft files it once, a new draft gets a new key. */
function newDraftKey() {
  let random = '';
  for (let i = 0; i < 4; i += 1) {
    random += Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
  }
  return 'mp-' + random;
}

function uploadPhoto(filePath, onProgress) {
  return upload(filePath, onProgress);
}

/** draft: { category, description, location: {lat, lng}, address, photos: [ids] } */
function submit(draft, draftKey) {
  return request({ method: 'POST', path: '/api/v1/complaints', data: draft, header: { 'Idempotency-Key': draftKey } });
}

/** Open cases of this category close to the point: category, status, distance and age only. */
function nearbyOpen(category, lat, lng) {
  return request({ path: '/api/v1/complaints/nearby' + query({ category, lat: lat.toFixed(6), lng: lng.toFixed(6) }) });
}

function follow(trackingNo) {
  return request({ method: 'POST', path: '/api/v1/complaints/' + encodeURIComponent(trackingNo) + '/followers' });
}

function mine(page = 1, size = 20) {
  return request({ path: '/api/v1/complaints/mine' + query({ page, size }) });
}

function following(page = 1, size = 20) {
  return request({ path: '/api/v1/complaints/following' + query({ page, size }) });
}

function one(trackingNo) {
  return request({ path: '/api/v1/complaints/' + encodeURIComponent(trackingNo) });
}

/** A photo URL the API gave (/api/v1/uploads/…) → a local file, fetched with the session. */
function photo(url) {
  return download(url);
}

module.exports = { categories, newDraftKey, uploadPhoto, submit, nearbyOpen, follow, mine, following, one, photo };
